#include <runback/sheet/figures.hpp>

namespace runback::sheet {
namespace {

// The ground, under every figure.
const std::vector<Point> k_ground{{4, 56}, {96, 56}};

const std::vector<Figure>& figures() {
    static const std::vector<Figure> all{
        // Kneeling hip-flexor stretch: back knee down, front foot flat, upright trunk.
        {"stretch_hips_hamstrings", "Kneeling hip-flexor stretch", {52, 8},
         {{{52, 14}, {52, 32}},                       // trunk
          {{52, 32}, {68, 36}, {68, 55}, {76, 55}},   // front leg and foot
          {{52, 32}, {38, 55}, {20, 55}},             // back knee and shin on the floor
          {{52, 17}, {62, 27}, {66, 35}},             // arm resting on the front knee
          k_ground}},
        // Forearm plank: straight line from head to heels.
        {"core_strengthening", "Forearm plank", {16, 35},
         {{{22, 38}, {60, 42}, {92, 50}},             // body and legs
          {{92, 50}, {94, 55}},                       // toes
          {{22, 38}, {24, 54}, {12, 54}},             // upper arm and forearm
          k_ground}},
        // Squat: hips back, knees over feet, arms forward for balance.
        {"leg_strengthening", "Squat", {54, 8},
         {{{52, 14}, {42, 34}},                       // trunk leaning forward
          {{42, 34}, {60, 38}, {54, 55}, {64, 55}},   // thigh, shin, foot
          {{51, 17}, {72, 22}},                       // arms forward
          k_ground}},
        // Seated forward fold: legs long, folding forward from the hips.
        {"seated_forward_fold", "Seated forward fold", {60, 30},
         {{{28, 52}, {54, 34}},                       // trunk
          {{28, 52}, {84, 53}},                       // legs straight
          {{84, 53}, {86, 46}},                       // feet up
          {{52, 36}, {74, 47}},                       // arms reaching along the legs
          k_ground}},
        // Legs up the wall: lying on the back, legs resting up the wall.
        {"legs_up_the_wall", "Legs up the wall", {16, 50},
         {{{22, 52}, {72, 53}},                       // body lying
          {{72, 53}, {80, 12}},                       // legs up the wall
          {{30, 53}, {42, 55}},                       // arm by the side
          {{84, 4}, {84, 56}},                        // the wall
          k_ground}},
        // Walking lunge for the warm-up: a long step, upright trunk.
        {"warm_up_routine", "Leg swings and lunges to warm up", {48, 8},
         {{{48, 14}, {48, 32}},                       // trunk
          {{48, 32}, {64, 40}, {66, 55}, {74, 55}},   // front leg
          {{48, 32}, {36, 44}, {28, 55}},             // back leg
          {{48, 18}, {40, 28}},                       // arms swinging
          {{48, 18}, {58, 26}},
          k_ground}},
    };
    return all;
}

}  // namespace

const Figure* figure_for(std::string_view action) {
    for (const auto& figure : figures())
        if (figure.action == action) return &figure;
    return nullptr;
}

}  // namespace runback::sheet
